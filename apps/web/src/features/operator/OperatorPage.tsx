import { useSearchParams } from "react-router";
import { useMe } from "../../app/auth.tsx";
import { useLiveQueries } from "../../app/events.ts";
import { FullPageLoader } from "../common/FullPageLoader.tsx";
import { ChooseWorkstation } from "./ChooseWorkstation.tsx";
import { useWorkplaceData } from "./useWorkplace.ts";
import { Workplace } from "./Workplace.tsx";

/**
 * The operator's screen: choose a workstation, then work there. A supervisor may open any
 * workstation read-only with `?workstation=<id>`.
 */
export default function OperatorPage() {
  const [params] = useSearchParams();
  const watch = params.get("workstation");
  const me = useMe();
  const data = useWorkplaceData(watch);
  useLiveQueries("staff");
  const state = data.state.data;
  // The staff layout's banner says when the server cannot be reached.
  if (!state || !me.data) return <FullPageLoader quiet />;
  if (!watch && !state.workstation) return <ChooseWorkstation />;
  const readOnly = watch !== null && state.employee?.id !== me.data.id;
  return <Workplace data={data} readOnly={readOnly} />;
}
