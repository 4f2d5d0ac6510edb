/** The names of C's members that are methods (optional ones included). */
export type MethodOf<C> = {
  [K in keyof C]-?: NonNullable<C[K]> extends (...args: never[]) => unknown ? K : never;
}[keyof C];

/** The methods C may leave out (`create?`, `renew?`). */
export type OptionalMethodOf<C> = {
  [K in MethodOf<C>]-?: undefined extends C[K] ? K : never;
}[MethodOf<C>];

/** The methods every implementation of C has. */
export type RequiredMethodOf<C> = Exclude<MethodOf<C>, OptionalMethodOf<C>>;

/** What a capability's file builds: its methods. */
export type CapabilityMethods<C> = Pick<C, MethodOf<C>>;

/** What callers read from a capability without calling it (a unit, a notice), declared in index.ts. */
export type CapabilityConstants<C> = Omit<C, MethodOf<C>>;
