// The action tables of the IAM rules: data, not logic. Entries are matched
// without case; '*' in an entry matches any run of characters.
#include <span>
#include <string_view>

#include "rules/common/iam.h"

namespace infracheck::rules {

namespace {

// Actions AWS only allows on Resource "*". Source: the AWS Service
// Authorization Reference (docs.aws.amazon.com/service-authorization/latest/
// reference/), the "Actions defined by <service>" table of each service: an
// action whose "Resource types" column is empty "does not support
// resource-level permissions" and must be granted on "*". Read for the
// services these stacks use (ECR, ECS, CloudWatch Logs and metrics, X-Ray,
// Systems Manager, Secrets Manager, KMS, S3, IAM, STS, EC2, ELB, RDS,
// DynamoDB, SQS, SNS, Lambda, ACM, Route 53, tagging). An action missing here
// is treated as restrictable; add it with its service's table as the source.
constexpr std::string_view kStarOnly[] = {
    // ACM
    "acm:ListCertificates",
    "acm:RequestCertificate",
    // Application Auto Scaling / EC2 Auto Scaling
    "application-autoscaling:Describe*",
    "autoscaling:Describe*",
    // CloudWatch metrics
    "cloudwatch:GetMetricData",
    "cloudwatch:GetMetricStatistics",
    "cloudwatch:GetMetricWidgetImage",
    "cloudwatch:ListDashboards",
    "cloudwatch:ListMetrics",
    "cloudwatch:PutMetricData",
    // DynamoDB
    "dynamodb:DescribeEndpoints",
    "dynamodb:DescribeLimits",
    "dynamodb:ListBackups",
    "dynamodb:ListTables",
    // EC2 (every Describe action)
    "ec2:Describe*",
    // ECR
    "ecr:GetAuthorizationToken",
    "ecr-public:GetAuthorizationToken",
    // ECS
    "ecs:CreateCluster",
    "ecs:DeregisterTaskDefinition",
    "ecs:DescribeTaskDefinition",
    "ecs:DiscoverPollEndpoint",
    "ecs:ListAccountSettings",
    "ecs:ListClusters",
    "ecs:ListTaskDefinitionFamilies",
    "ecs:ListTaskDefinitions",
    "ecs:PutAccountSetting",
    "ecs:RegisterTaskDefinition",
    // Elastic Load Balancing (every Describe action)
    "elasticloadbalancing:Describe*",
    // IAM (account-level)
    "iam:CreateAccountAlias",
    "iam:DeleteAccountAlias",
    "iam:DeleteAccountPasswordPolicy",
    "iam:GenerateCredentialReport",
    "iam:GetAccountAuthorizationDetails",
    "iam:GetAccountPasswordPolicy",
    "iam:GetAccountSummary",
    "iam:GetCredentialReport",
    "iam:ListAccountAliases",
    "iam:ListGroups",
    "iam:ListOpenIDConnectProviders",
    "iam:ListPolicies",
    "iam:ListRoles",
    "iam:ListSAMLProviders",
    "iam:ListServerCertificates",
    "iam:ListUsers",
    "iam:ListVirtualMFADevices",
    "iam:SetSecurityTokenServicePreferences",
    "iam:UpdateAccountPasswordPolicy",
    // KMS
    "kms:CreateCustomKeyStore",
    "kms:CreateKey",
    "kms:DescribeCustomKeyStores",
    "kms:GenerateRandom",
    "kms:ListAliases",
    "kms:ListKeys",
    // Lambda
    "lambda:GetAccountSettings",
    "lambda:ListFunctions",
    "lambda:ListLayers",
    // CloudWatch Logs
    "logs:CreateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:DescribeExportTasks",
    "logs:DescribeQueries",
    "logs:DescribeQueryDefinitions",
    "logs:DescribeResourcePolicies",
    "logs:GetLogDelivery",
    "logs:ListLogDeliveries",
    "logs:StopQuery",
    "logs:TestMetricFilter",
    "logs:UpdateLogDelivery",
    // RDS
    "rds:DescribeDBEngineVersions",
    "rds:DescribeEngineDefaultParameters",
    "rds:DescribeOrderableDBInstanceOptions",
    // Route 53
    "route53:GetHostedZoneCount",
    "route53:ListHostedZones",
    "route53:ListHostedZonesByName",
    // S3 (account-level)
    "s3:CreateJob",
    "s3:GetAccountPublicAccessBlock",
    "s3:ListAccessPoints",
    "s3:ListAllMyBuckets",
    "s3:ListJobs",
    "s3:ListMultiRegionAccessPoints",
    "s3:ListStorageLensConfigurations",
    "s3:PutAccountPublicAccessBlock",
    // Secrets Manager
    "secretsmanager:BatchGetSecretValue",
    "secretsmanager:GetRandomPassword",
    "secretsmanager:ListSecrets",
    // SNS / SQS
    "sns:ListSubscriptions",
    "sns:ListTopics",
    "sqs:ListQueues",
    // Systems Manager and Session Manager channels (ECS Exec)
    "ssm:DescribeParameters",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    // STS
    "sts:DecodeAuthorizationMessage",
    "sts:GetAccessKeyInfo",
    "sts:GetCallerIdentity",
    "sts:GetServiceBearerToken",
    "sts:GetSessionToken",
    // Resource Groups Tagging
    "tag:GetResources",
    "tag:GetTagKeys",
    "tag:GetTagValues",
    // X-Ray
    "xray:GetSamplingRules",
    "xray:GetSamplingStatisticSummaries",
    "xray:GetSamplingTargets",
    "xray:PutTelemetryRecords",
    "xray:PutTraceSegments",
};

// Data-access and privilege actions. Sources: cloudsplaining's "data
// exfiltration" actions (s3:GetObject, ssm:GetParameter(s|sByPath),
// secretsmanager:GetSecretValue) widened to the other reads and writes of
// stored data and secrets; its "resource exposure" actions (policy and grant
// changes); and Rhino Security Labs' AWS privilege escalation methods (the
// list Checkov's CKV_AWS_110 and cloudsplaining use). Image pulls
// (ecr:BatchGetImage...) and log writes are left out: AWS's own
// AmazonECSTaskExecutionRolePolicy grants them on "*".
constexpr std::string_view kSensitive[] = {
    // Secrets and parameters
    "secretsmanager:GetSecretValue",
    "secretsmanager:PutSecretValue",
    "secretsmanager:UpdateSecret",
    "secretsmanager:PutResourcePolicy",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "ssm:PutParameter",
    // Keys
    "kms:Decrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:CreateGrant",
    "kms:PutKeyPolicy",
    // Objects, items, messages, records
    "s3:GetObject*",
    "s3:PutObject*",
    "s3:DeleteObject*",
    "s3:ListBucket",
    "s3:ListBucketVersions",
    "s3:RestoreObject",
    "s3:PutBucketPolicy",
    "s3:PutBucketAcl",
    "s3:DeleteBucketPolicy",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ExportTableToPointInTime",
    "rds-db:connect",
    "rds-data:ExecuteStatement",
    "rds-data:BatchExecuteStatement",
    "elasticache:Connect",
    "sqs:ReceiveMessage",
    "sqs:SendMessage",
    "kinesis:GetRecords",
    "logs:GetLogEvents",
    "logs:FilterLogEvents",
    "ec2:GetPasswordData",
    "codecommit:GitPull",
    "lambda:InvokeFunction",
    "lambda:AddPermission",
    "ecr:SetRepositoryPolicy",
    // Privilege escalation
    "iam:PassRole",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:PutRolePolicy",
    "iam:AddUserToGroup",
    "iam:UpdateAssumeRolePolicy",
    "iam:DeleteRolePermissionsBoundary",
    "iam:DeleteUserPermissionsBoundary",
    "iam:PutRolePermissionsBoundary",
    "iam:PutUserPermissionsBoundary",
    "sts:AssumeRole",
    "lambda:UpdateFunctionCode",
    "glue:UpdateDevEndpoint",
    "ssm:SendCommand",
    "ssm:StartSession",
    "ecs:ExecuteCommand",
};

}  // namespace

std::span<const std::string_view> StarOnlyActions() { return kStarOnly; }
std::span<const std::string_view> SensitiveActions() { return kSensitive; }

}  // namespace infracheck::rules
