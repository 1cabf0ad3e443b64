import { DEFAULT_USAGE, UsageAssumptions, usageConfigKey } from "@openwebui-aws/rules/cost/usage";
import { ConfigReader } from "./reader";

/** The usage assumptions of the cost estimate (`npm run plan`); the program itself does not use them. */
export function readCostAssumptions(reader: ConfigReader): UsageAssumptions {
    const usage = {} as UsageAssumptions;
    for (const name of Object.keys(DEFAULT_USAGE) as (keyof UsageAssumptions)[]) {
        const key = usageConfigKey(name);
        const value = reader.integer(key);
        if (value < 0) reader.fail(key, `${value} is negative`);
        usage[name] = value;
    }
    if (usage.spotDiscountPercent >= 100) reader.fail(usageConfigKey("spotDiscountPercent"), `${usage.spotDiscountPercent}% would make spot free`);
    return usage;
}
