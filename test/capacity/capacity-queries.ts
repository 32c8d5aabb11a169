/** GraphQL documents shared by the capacity, dashboard specs and the capacity bench. */
const BAND = 'size allocated free utilization';

export const CAPACITY_FIELDS = `
  cluster
  serviceCIDRs { family cidr size usable allocated free utilization static { ${BAND} } dynamic { ${BAND} } }
  nodePorts { range size allocated free utilization static { ${BAND} } dynamic { ${BAND} } }
  podCIDRs { family cidr nodeMask blockSize podsPerBlock blocks reservedBlocks maxNodes allocatedNodes freeNodes utilization maxPods }
  nodes { maxNodes allocatedNodes freeNodes utilization podsPerNode maxPods }
  singleStackServices dualStackServices
  tightest { name kind family utilization free }
  ranges { name kind family utilization free }`;

export const FORECAST_FIELDS = `forecasts { range kind family free status windowStart windowEnd observations netChange ratePerDay exhaustsAt }`;

export const CLUSTER_CAPACITY_QUERY = `query ($name: String!) {
  cluster(name: $name) { name capacity { ${CAPACITY_FIELDS} ${FORECAST_FIELDS} } }
}`;

export const SUMMARY_QUERY = `{
  capacitySummary {
    tightest { cluster }
    clusters { cluster tightest { name utilization free } capacity { ${CAPACITY_FIELDS} ${FORECAST_FIELDS} } }
  }
}`;

/** The tenant summary as a dashboard asks for it: the ranking only. */
export const SUMMARY_RANKING_QUERY = `{ capacitySummary { clusters { cluster tightest { name kind utilization free } } } }`;

export const CLUSTERS_WITH_CAPACITY_QUERY = `{
  clusters(limit: 100) { items { name capacity { ${CAPACITY_FIELDS} ${FORECAST_FIELDS} } } }
}`;

export const WHAT_IF_QUERY = `query ($name: String!, $change: CapacityChangeInput!) {
  whatIf(clusterName: $name, change: $change) {
    fits exhausted reasons
    before { ${CAPACITY_FIELDS} }
    after { ${CAPACITY_FIELDS} }
  }
}`;
