import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Template } from 'aws-cdk-lib/assertions';
import { Edge, ORIGIN_VERIFY_HEADER, type EdgeProps } from '../../src/aws/edge/index.js';
import { CHART_NAMES } from '../../src/k8s/index.js';
import { bareStack, importedCluster, onlyResource, type Properties } from './part-helper.js';

type Bare = ReturnType<typeof bareStack>;

function build(exposure: 'alb' | 'cloudfront', extra: (bare: Bare) => Partial<EdgeProps>) {
  const bare = bareStack();
  const cluster = importedCluster(bare.stack);
  const base = {
    name: 'demo',
    exposure,
    domainName: 'weaviate.example.com',
    certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/alb',
    loadBalancer: {
      vpc: bare.vpc,
      subnets: { subnetType: ec2.SubnetType.PUBLIC },
      internetFacing: true,
      securityGroup: bare.securityGroup,
      targetGroupName: 'demo-ingress',
      grpcTargetGroupName: 'demo-grpc',
      targetPort: 8080,
      redirectHttp: false,
      accessLogBucket: bare.bucket,
    },
    webAcl: {
      scope: exposure === 'cloudfront' ? ('CLOUDFRONT' as const) : ('REGIONAL' as const),
      name: 'demo',
      rateLimitPer5Minutes: 2000,
      maxBodySizeKiB: 16384,
      logsKey: bare.logsKey,
    },
    cloudFrontLogRetention: Duration.days(90),
    ingressBinding: {
      controller: {
        name: 'demo',
        cluster,
        clusterName: 'demo',
        vpcId: bare.vpc.vpcId,
        names: {
          namespace: 'lb-controller',
          release: 'lb-controller',
          labels: {},
          serviceAccount: 'lb-controller',
          webhookPort: 9443,
        },
        chartRepository: 'https://example.com/charts',
        imageRegistry: 'public.ecr.aws',
        after: [],
      },
      chart: {
        name: CHART_NAMES.edge,
        order: 5,
        objects: [
          { apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'TargetGroupBinding', metadata: { name: 'x' } },
        ],
      },
    },
  };
  const edge = new Edge(bare.stack, 'Edge', { ...base, ...extra(bare) } as EdgeProps);
  return { ...bare, edge, template: Template.fromStack(bare.stack) };
}

describe('edge in a bare stack: exposure alb', () => {
  const { template, stack, edge } = build('alb', () => ({}));

  it('puts an internet-facing HTTPS-only ALB with the imported certificate in front, behind a regional web ACL', () => {
    const lb = onlyResource(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    assert.equal(lb.Scheme, 'internet-facing');
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Certificates: [{ CertificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/alb' }],
    });
    assert.equal(Object.keys(template.findResources('AWS::ElasticLoadBalancingV2::Listener')).length, 1);
    assert.equal(onlyResource(template, 'AWS::WAFv2::WebACL').Scope, 'REGIONAL');
    const association = onlyResource(template, 'AWS::WAFv2::WebACLAssociation');
    assert.deepEqual(association.WebACLArn, {
      'Fn::GetAtt': [stack.getLogicalId(edge.webAcl.webAcl), 'Arn'],
    });
  });

  it('builds no distribution, alias record or Shield protection by default', () => {
    for (const type of [
      'AWS::CloudFront::Distribution',
      'AWS::Route53::RecordSet',
      'AWS::Shield::Protection',
    ])
      assert.deepEqual(template.findResources(type), {}, type);
    assert.equal(edge.cloudFront, undefined);
  });

  it('binds the ingress gateway once the controller is installed, and says where clients connect', () => {
    const manifests = Object.values(
      template.findResources('Custom::AWSCDK-EKS-KubernetesResource'),
    ) as Properties[];
    assert.equal(manifests.length, 1);
    const controllerChartId = stack.getLogicalId(
      edge.loadBalancerController.chart.node.defaultChild as never,
    );
    assert.ok((manifests[0]!.DependsOn as string[]).includes(controllerChartId));
    template.hasOutput('*', { Value: 'https://weaviate.example.com' });
  });
});

describe('edge in a bare stack: exposure cloudfront', () => {
  const { template } = build('cloudfront', () => ({
    certificateArn: undefined,
    hostedZone: { hostedZoneId: 'Z123', zoneName: 'example.com' },
    shieldAdvanced: true,
  }));

  it('issues a DNS-validated certificate in the hosted zone and aliases the domain to the distribution', () => {
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'weaviate.example.com',
      DomainValidationOptions: [{ DomainName: 'weaviate.example.com', HostedZoneId: 'Z123' }],
    });
    const record = onlyResource(template, 'AWS::Route53::RecordSet');
    assert.equal(record.Name, 'weaviate.example.com.');
    assert.ok(JSON.stringify(record.AliasTarget).includes('Distribution'));
  });

  it('puts CloudFront with a CLOUDFRONT web ACL in front and lets the ALB forward only with the origin header', () => {
    assert.equal(onlyResource(template, 'AWS::WAFv2::WebACL').Scope, 'CLOUDFRONT');
    assert.deepEqual(template.findResources('AWS::WAFv2::WebACLAssociation'), {});
    const distribution = onlyResource(template, 'AWS::CloudFront::Distribution').DistributionConfig;
    assert.deepEqual(distribution.Aliases, ['weaviate.example.com']);
    assert.equal(distribution.Origins[0].OriginCustomHeaders[0].HeaderName, ORIGIN_VERIFY_HEADER);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '403' } }],
    });
  });

  it('protects the distribution with Shield Advanced when asked', () => {
    assert.equal(onlyResource(template, 'AWS::Shield::Protection').Name, 'demo-cloudfront');
  });
});
