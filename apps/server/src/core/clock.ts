/** Where every "now" comes from: the wall clock in production, a hand-moved clock in tests. */
export type Clock = () => Date;
