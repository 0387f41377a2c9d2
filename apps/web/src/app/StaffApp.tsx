import { RouterProvider } from "react-router";
import { Providers } from "./providers.tsx";
import { router } from "./router.tsx";

/** Sign-in, the operator workplace and administration: the part of the app that navigates. */
export default function StaffApp() {
  return (
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  );
}
