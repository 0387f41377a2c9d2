export const tags = ["queue management"];
// Queue management is for supervisors and administrators (reading one ticket: any staff).
export const access = { role: "supervisor" } as const;
