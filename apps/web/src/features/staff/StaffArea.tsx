import type { Role } from "@dq/shared";
import { Suspense } from "react";
import { RequireRole } from "../../app/auth.tsx";
import { FullPageLoader } from "../common/FullPageLoader.tsx";
import StaffLayout from "./StaffLayout.tsx";

/**
 * The layout route around staff screens, for employees of at least `minRole`; loaded lazily so
 * public screens never carry it.
 */
export function StaffArea({ minRole }: { minRole: Role }) {
  return (
    <RequireRole minRole={minRole}>
      <Suspense fallback={<FullPageLoader />}>
        <StaffLayout />
      </Suspense>
    </RequireRole>
  );
}
