/** A one-host Ingress with the given class and annotations: the first annotation is on line 7. */
export function ingressYaml(className: string | null, annotations: string, extraSpec = ''): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: web
  annotations:
${annotations}
spec:
${className ? `  ingressClassName: ${className}\n` : ''}${extraSpec}  rules:
    - host: app.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: app, port: {number: 80}}}
`;
}

export const TLS_SPEC = '  tls:\n    - hosts: [app.example.com]\n      secretName: app-tls\n';
