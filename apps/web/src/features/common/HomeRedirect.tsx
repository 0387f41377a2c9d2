import { Navigate } from "react-router";
import { homeOf, useMe } from "../../app/auth.tsx";
import { FullPageLoader } from "./FullPageLoader.tsx";

/** `/`: staff go to their home screen, everyone else to the sign-in page. */
export default function HomeRedirect() {
  const me = useMe();
  if (me.isPending) return <FullPageLoader />;
  return <Navigate to={me.data ? homeOf(me.data.role) : "/login"} replace />;
}
