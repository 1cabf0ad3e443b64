import { ResourceValidationPolicy } from "@pulumi/policy";

export const logGroupRetention: ResourceValidationPolicy = {
    name: "log-group-retention",
    description: "Every CloudWatch log group sets a retention; the default keeps (and bills) logs forever.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== "aws:cloudwatch/logGroup:LogGroup") return;
        const days = Number(args.props.retentionInDays ?? 0);
        if (!(days > 0)) {
            report(`log group "${args.props.name ?? args.name}" has no retention (logs would never expire)`);
        }
    },
};
