import { Suspense } from "react";
import { RequireRole } from "../../app/auth.tsx";
import { FullPageLoader } from "../common/FullPageLoader.tsx";
import StaffLayout from "./StaffLayout.tsx";

/** Layout routes of the staff screens; loaded lazily so public screens never carry them. */
export function OperatorArea() {
  return (
    <RequireRole minRole="operator">
      <Suspense fallback={<FullPageLoader />}>
        <StaffLayout />
      </Suspense>
    </RequireRole>
  );
}

export function SupervisorArea() {
  return (
    <RequireRole minRole="supervisor">
      <Suspense fallback={<FullPageLoader />}>
        <StaffLayout />
      </Suspense>
    </RequireRole>
  );
}
