/**
 * One decision of the Service pipeline, in the order it was taken: which policy and why, which
 * families and why, which range and band each IP and port came from, which rule rejected. The
 * plan endpoint returns the list as `explanation`.
 */
export interface PlanDecision {
  /** The pipeline step, e.g. `defaults`, `ip-families`, `cluster-ips`, `node-ports`, `validation`. */
  readonly step: string;
  readonly message: string;
}
