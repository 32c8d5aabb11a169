/**
 * The Services a cluster's control plane creates for itself, as manifests for the create
 * pipeline: `default/kubernetes` as kube-apiserver's controlplane reconciler builds it
 * (pkg/controlplane/reconcilers `CreateOrUpdateMasterServiceIfNeeded`: no selector,
 * sessionAffinity None, port https 443 → 6443, the first address of the primary range),
 * and `kube-system/kube-dns` as kubeadm's CoreDNS addon manifest declares it
 * (cmd/kubeadm/app/phases/addons/dns `CoreDNSService`).
 */
import type { Service } from '../../core/services/service-types';

export function kubernetesService(clusterIP: string): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }],
      clusterIP,
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
}

export function kubeDnsService(clusterIP: string): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: {
        'k8s-app': 'kube-dns',
        'kubernetes.io/cluster-service': 'true',
        'kubernetes.io/name': 'CoreDNS',
      },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
    },
  };
}
