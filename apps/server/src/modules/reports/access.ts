export const tags = ["reports"];
// Reports show every operator's work: supervisors and administrators (and their API tokens).
export const access = { role: "supervisor" } as const;
