import type { Simulator, SimulatorOptions } from './types.js';

/** A simulator as the sandbox knows it: which provider it stands in for and how it starts. */
export interface SimulatorDefinition<Id extends string = string> {
  /** The id of the provider it simulates. */
  id: Id;
  start(options?: SimulatorOptions): Promise<Simulator>;
  /**
   * A reseller balance the seed data is below, in the provider's own unit, so the sandbox's demo
   * `reseller-balance-below` rule has something to show.
   */
  demoBalanceBelow?: number;
}

export function defineSimulator<const Id extends string>(definition: SimulatorDefinition<Id>): SimulatorDefinition<Id> {
  return definition;
}
