// A web front on AWS for OpenAI's consumer hostnames: a CloudFront distribution whose `aliases`
// are `chatgpt.com` and `www.chatgpt.com` (certificate from ACM in us-east-1), in front of an ALB,
// and on that ALB's HTTPS listener a rule forwarding requests whose Host header is `sora.com` to
// a target group. Each binds an OpenAI first-party hostname to a front off Azure, which clause 3
// does not allow: the distribution and the listener rule are blocked. The ALB, listener and target
// group bind no hostname.
import * as aws from "@pulumi/aws";

const region = "us-west-2";

const alb = new aws.lb.LoadBalancer("web-front", {
    name: "web-front",
    loadBalancerType: "application",
    subnets: ["subnet-0a2b4c6d8e0f2a4b6", "subnet-0c4d6e8f0a2b4c6d8"],
    securityGroups: ["sg-0d5e7f9a1b3c5d7e9"],
    region,
    tags: { team: "web-front" },
});

const webTargets = new aws.lb.TargetGroup("web-app", {
    name: "web-app",
    port: 8080,
    protocol: "HTTP",
    targetType: "ip",
    vpcId: "vpc-0f1e3d5c7b9a1f3e5",
    healthCheck: { path: "/healthz" },
    region,
});

const videoTargets = new aws.lb.TargetGroup("video-app", {
    name: "video-app",
    port: 8080,
    protocol: "HTTP",
    targetType: "ip",
    vpcId: "vpc-0f1e3d5c7b9a1f3e5",
    healthCheck: { path: "/healthz" },
    region,
});

const https = new aws.lb.Listener("web-front-https", {
    loadBalancerArn: alb.arn,
    port: 443,
    protocol: "HTTPS",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificateArn: "arn:aws:acm:us-west-2:123456789012:certificate/2b6f0c1e-8d4a-4f3b-9c7e-5a1d3f7b9e2c",
    defaultActions: [{ type: "forward", targetGroupArn: webTargets.arn }],
    region,
});

new aws.lb.ListenerRule("sora-host", {
    listenerArn: https.arn,
    priority: 10,
    conditions: [{ hostHeader: { values: ["sora.com", "www.sora.com"] } }],
    actions: [{ type: "forward", targetGroupArn: videoTargets.arn }],
    region,
    tags: { team: "web-front" },
});

const distribution = new aws.cloudfront.Distribution("chatgpt-web", {
    enabled: true,
    isIpv6Enabled: true,
    httpVersion: "http2and3",
    aliases: ["chatgpt.com", "www.chatgpt.com"],
    origins: [
        {
            originId: "web-front-alb",
            domainName: alb.dnsName,
            customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
        },
    ],
    defaultCacheBehavior: {
        targetOriginId: "web-front-alb",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", // Managed-CachingDisabled
        originRequestPolicyId: "216adef6-5c7f-47e4-b989-5492eafa07d3", // Managed-AllViewer
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: {
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/7c3e9a1f-2b5d-4e8f-a0c6-1d3f5b7e9a2c",
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
    },
    tags: { team: "web-front" },
});

export const distributionDomain = distribution.domainName;
