/**
 * Lambda functions (role, runtime, VPC placement, environment encryption key, tracing, the resource policy
 * that Lambda::Permission resources build, asynchronous invocation settings) and layer versions. Permissions
 * and invoke configurations are parts of their function: the API answers them per function.
 */
import {
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetLayerVersionByArnCommand,
  GetPolicyCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { Unknown } from '../../../inventory/values.js';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import {
  defined,
  emptyOutput,
  parsePolicy,
  undetermined,
  type LiveResource,
  type ReaderOutput,
} from '../live.js';
import { merge, readEach } from './each.js';

export const LAMBDA_TYPES = ['AWS::Lambda::Function', 'AWS::Lambda::LayerVersion'] as const;
export const LAMBDA_PART_TYPES = ['AWS::Lambda::Permission', 'AWS::Lambda::EventInvokeConfig'] as const;

export async function readLambda(
  session: AwsSession,
  ids: (type: string) => readonly string[],
): Promise<ReaderOutput> {
  const functions = ids('AWS::Lambda::Function');
  const layers = ids('AWS::Lambda::LayerVersion');
  if (functions.length === 0 && layers.length === 0) return emptyOutput();
  const client = await session.client<LambdaClient>('lambda');
  return merge(
    await Promise.all([readFunctions(session, client, functions), readLayers(session, client, layers)]),
  );
}

function readFunctions(
  session: AwsSession,
  client: LambdaClient,
  names: readonly string[],
): Promise<ReaderOutput> {
  return readEach('AWS::Lambda::Function', names, async (FunctionName) => {
    const got = await session.call(
      OPS.getFunctionConfiguration,
      () => client.send(new GetFunctionConfigurationCommand({ FunctionName })),
      { subject: FunctionName, absent: ['ResourceNotFoundException'] },
    );
    if (!got.ok) return { failed: got };
    const f = got.value;
    if (!f?.FunctionName) return undefined;
    const [policy, invoke] = await Promise.all([
      session.call(OPS.getFunctionPolicy, () => client.send(new GetPolicyCommand({ FunctionName })), {
        subject: FunctionName,
        absent: ['ResourceNotFoundException'],
      }),
      session.call(
        OPS.getFunctionEventInvokeConfig,
        () => client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName })),
        { subject: FunctionName, absent: ['ResourceNotFoundException'] },
      ),
    ]);
    const vpc = f.VpcConfig;
    const out: LiveResource[] = [
      {
        type: 'AWS::Lambda::Function',
        physicalId: FunctionName,
        ...(f.FunctionArn ? { arn: f.FunctionArn } : {}),
        ...(vpc?.VpcId ? { vpcId: vpc.VpcId } : {}),
        properties: defined({
          FunctionName: f.FunctionName,
          Role: f.Role,
          Runtime: f.Runtime,
          Handler: f.Handler,
          Architectures: f.Architectures,
          Timeout: f.Timeout,
          MemorySize: f.MemorySize,
          // An answer without the key does not say the environment is unencrypted with a customer key: some
          // endpoints never return it. AWS returns it whenever one is set.
          KmsKeyArn: f.KMSKeyArn,
          TracingConfig: f.TracingConfig?.Mode ? { Mode: f.TracingConfig.Mode } : undefined,
          VpcConfig:
            vpc && (vpc.SubnetIds?.length || vpc.SecurityGroupIds?.length)
              ? defined({ SubnetIds: vpc.SubnetIds, SecurityGroupIds: vpc.SecurityGroupIds })
              : undefined,
          Layers: f.Layers?.map((l) => l.Arn!).filter(Boolean),
          DeadLetterConfig: f.DeadLetterConfig?.TargetArn
            ? { TargetArn: f.DeadLetterConfig.TargetArn }
            : undefined,
          Environment: f.Environment?.Variables
            ? { Variables: f.Environment.Variables }
            : f.Environment?.Error
              ? new Unknown(
                  `the live environment could not be read: ${f.Environment.Error.ErrorCode ?? 'error'}`,
                )
              : undefined,
        }),
        calls: [got.record, policy.record, invoke.record],
      },
    ];
    if (!policy.ok || policy.value?.Policy)
      out.push({
        type: 'AWS::Lambda::Permission',
        physicalId: `${FunctionName}|policy`,
        partOf: { physicalId: FunctionName, name: 'Policy' },
        properties: {
          FunctionName,
          Policy: policy.ok ? (parsePolicy(policy.value!.Policy) ?? {}) : undetermined(policy.failure),
        },
        calls: [policy.record],
      });
    if (!invoke.ok || invoke.value?.FunctionArn)
      out.push({
        type: 'AWS::Lambda::EventInvokeConfig',
        physicalId: `${FunctionName}|invoke`,
        partOf: { physicalId: FunctionName, name: 'EventInvokeConfig' },
        properties: invoke.ok
          ? defined({
              FunctionName,
              Qualifier: '$LATEST',
              MaximumRetryAttempts: invoke.value!.MaximumRetryAttempts,
              MaximumEventAgeInSeconds: invoke.value!.MaximumEventAgeInSeconds,
              DestinationConfig: invoke.value!.DestinationConfig
                ? defined({
                    OnFailure: invoke.value!.DestinationConfig.OnFailure?.Destination
                      ? { Destination: invoke.value!.DestinationConfig.OnFailure.Destination }
                      : undefined,
                    OnSuccess: invoke.value!.DestinationConfig.OnSuccess?.Destination
                      ? { Destination: invoke.value!.DestinationConfig.OnSuccess.Destination }
                      : undefined,
                  })
                : undefined,
            })
          : { FunctionName, DestinationConfig: undetermined(invoke.failure) },
        calls: [invoke.record],
      });
    return out;
  });
}

function readLayers(
  session: AwsSession,
  client: LambdaClient,
  arns: readonly string[],
): Promise<ReaderOutput> {
  return readEach('AWS::Lambda::LayerVersion', arns, async (Arn) => {
    const got = await session.call(
      OPS.getLayerVersionByArn,
      () => client.send(new GetLayerVersionByArnCommand({ Arn })),
      { subject: Arn, absent: ['ResourceNotFoundException'] },
    );
    if (!got.ok) return { failed: got };
    const l = got.value;
    if (!l?.LayerVersionArn) return undefined;
    return [
      {
        type: 'AWS::Lambda::LayerVersion',
        physicalId: Arn,
        properties: defined({
          CompatibleRuntimes: l.CompatibleRuntimes,
          CompatibleArchitectures: l.CompatibleArchitectures,
          Description: l.Description,
          LicenseInfo: l.LicenseInfo,
        }),
        calls: [got.record],
      },
    ];
  });
}
