/** Synthetic repositories for benchmarks: realistic multi-document files, deterministic. */
import type { SourceFile } from '../src/core/manifests/document.ts';

export function ingressDoc(i: number, variant = 0): string {
  const ns = `team-${i % 50}`;
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app-${i}
  namespace: ${ns}
  annotations:
    nginx.ingress.kubernetes.io/whitelist-source-range: ${variant ? '10.0.0.0/8' : '10.0.0.0/16'}
    nginx.ingress.kubernetes.io/auth-type: basic
    nginx.ingress.kubernetes.io/auth-secret: ${ns}/htpasswd
spec:
  ingressClassName: nginx
  tls:
    - hosts: [app-${i}.example.com]
      secretName: app-${i}-tls
  rules:
    - host: app-${i}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: app-${i}
                port:
                  number: 80
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: app-${i}-api
                port:
                  number: 8080
`;
}

function deploymentDoc(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 50}
  labels: {app: app-${i}, tier: web}
spec:
  replicas: 3
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
        - name: app
          image: registry.example.com/app-${i}:1.${i % 7}.0
          ports: [{containerPort: 8080}]
          env:
            - {name: MODE, value: production}
            - {name: REPLICA, value: "${i}"}
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
`;
}

function serviceDoc(i: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 50}
spec:
  selector: {app: app-${i}}
  ports:
    - {name: http, port: 80, targetPort: 8080}
`;
}

function configMapDoc(i: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-${i}-config
  namespace: team-${i % 50}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "a,b,c"
  settings.json: |
    {"timeout": 30, "retries": ${i % 5}, "name": "app-${i}"}
`;
}

/**
 * A repo of `apps` apps, each file holding `appsPerFile` apps' Ingress, Deployment, Service and
 * ConfigMap (4 documents per app). `changed(i)` decides which Ingresses differ in this version.
 */
export function repo(
  apps: number,
  changed: (i: number) => boolean = () => false,
  appsPerFile = 10,
): SourceFile[] {
  const files: SourceFile[] = [];
  for (let start = 0; start < apps; start += appsPerFile) {
    const docs: string[] = [];
    for (let i = start; i < Math.min(apps, start + appsPerFile); i++)
      docs.push(ingressDoc(i, changed(i) ? 1 : 0), deploymentDoc(i), serviceDoc(i), configMapDoc(i));
    files.push({ path: `apps/group-${start / appsPerFile}/manifests.yaml`, content: docs.join('---\n') });
  }
  return files;
}

/**
 * Both sides of a big change: `apps` apps (4 documents each) per side, and one Ingress in ten changed,
 * all of them in the first tenth of the files — a change touches some files, not every file.
 */
export function bigChange(apps: number): { base: SourceFile[]; head: SourceFile[] } {
  return { base: repo(apps), head: repo(apps, (i) => i < apps / 10) };
}
