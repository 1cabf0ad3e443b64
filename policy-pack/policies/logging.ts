import { ResourceValidationPolicy } from "@pulumi/policy";
import { LOG_RETENTION_BOUNDS_DAYS } from "@openwebui-aws/rules/ops";

interface RetentionBounds {
    minDays: number;
    maxDays: number;
}

export const logGroupRetention: ResourceValidationPolicy = {
    name: "log-group-retention",
    description: "Every CloudWatch log group sets a retention within the pack's bounds; the default keeps (and bills) logs forever.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minDays: { type: "integer", minimum: 1, default: LOG_RETENTION_BOUNDS_DAYS.min },
            maxDays: { type: "integer", minimum: 1, default: LOG_RETENTION_BOUNDS_DAYS.max },
        },
    },
    validateResource: (args, report) => {
        if (args.type !== "aws:cloudwatch/logGroup:LogGroup") return;
        const { minDays, maxDays } = args.getConfig<RetentionBounds>();
        const group = args.props.name ?? args.name;
        const days = Number(args.props.retentionInDays ?? 0);
        if (!(days > 0)) {
            report(`log group "${group}" has no retention (logs would never expire)`);
        } else if (days < minDays || days > maxDays) {
            report(`log group "${group}" keeps logs ${days} days, outside [${minDays}, ${maxDays}]`);
        }
    },
};
