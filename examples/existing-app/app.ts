// An existing CDK app: the team's own stack, and Weaviate added next to it with the vectorfort construct
// library, in the landing zone's VPC. The subnets are chosen per tier by their `tier` tag: CDK looks the VPC up
// once (`cdk synth` with credentials) and keeps the answer in cdk.context.json, so later syntheses are offline.
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { WeaviatePlatform } from 'vectorfort';

const env = { account: '111111111111', region: 'eu-west-1' };
const app = new App();

// What the app already had: nothing here changes because Weaviate joins it.
const team = new Stack(app, 'team-ingest', { env });
new ssm.StringParameter(team, 'SearchService', {
  parameterName: '/team/ingest/search-service',
  stringValue: 'weaviate.search.internal',
});

// The landing zone's VPC, its subnets grouped by the value of their `tier` tag.
const vpc = ec2.Vpc.fromLookup(team, 'LandingZoneVpc', {
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  subnetGroupNameTag: 'tier',
});

new WeaviatePlatform(app, 'Weaviate', {
  blueprint: {
    name: 'search',
    environment: env,
    acknowledgements: { owner: 'search platform team' },
  },
  existingVpc: {
    vpc,
    subnets: {
      application: { subnetGroupName: 'application' },
      data: { subnetGroupName: 'data' },
      endpoints: { subnetGroupName: 'endpoints' },
    },
    acknowledgement:
      "The landing zone's network team owns this VPC's route tables, network ACLs and gateways and reviews them in its own baseline.",
  },
});
