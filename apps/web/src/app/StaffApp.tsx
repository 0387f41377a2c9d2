import { RouterProvider } from "react-router";
import { router } from "./router.tsx";

/** Sign-in, the operator workplace and administration: the part of the app that navigates. */
export default function StaffApp() {
  return <RouterProvider router={router} />;
}
