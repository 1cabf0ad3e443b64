/**
 * Prices by region: the cost model asks here for the stack's region and gets Seoul's or Tokyo's
 * table, or a refusal naming the two (rules/regions.ts). Each table keeps its own sources.
 */
import { regionProblem, REGIONS } from "../regions";
import { EC2_HOURLY, RDS_INSTANCE_CLASSES, RDS_MULTI_AZ_HOURLY, RegionalPrices, SEOUL } from "./prices";
import { TOKYO, TOKYO_EC2_HOURLY, TOKYO_RDS_INSTANCE_CLASSES } from "./prices-tokyo";

export interface PriceBook {
    region: string;
    label: string;
    table: RegionalPrices;
    /** EC2 Linux on-demand $/h by type. */
    ec2: Readonly<Record<string, number>>;
    /** RDS for PostgreSQL $/h of one deployment (Multi-AZ: primary and standby together), or undefined. */
    rdsHourly(instanceClass: string, multiAz: boolean): number | undefined;
}

const SEOUL_BOOK: PriceBook = {
    region: "ap-northeast-2",
    label: REGIONS["ap-northeast-2"].label,
    table: SEOUL,
    ec2: EC2_HOURLY,
    rdsHourly: (c, multiAz) => {
        const single = RDS_INSTANCE_CLASSES[c];
        if (single === undefined) return undefined;
        return multiAz ? (RDS_MULTI_AZ_HOURLY[c] ?? 2 * single) : single;
    },
};

const TOKYO_BOOK: PriceBook = {
    region: "ap-northeast-1",
    label: REGIONS["ap-northeast-1"].label,
    table: TOKYO,
    ec2: TOKYO_EC2_HOURLY,
    rdsHourly: (c, multiAz) => TOKYO_RDS_INSTANCE_CLASSES[c]?.[multiAz ? "multiAz" : "singleAz"],
};

const BOOKS: Readonly<Record<string, PriceBook>> = { [SEOUL_BOOK.region]: SEOUL_BOOK, [TOKYO_BOOK.region]: TOKYO_BOOK };

export function priceBook(region: string): PriceBook {
    const book = BOOKS[region];
    if (!book) throw new Error(`no prices for ${region}: ${regionProblem(region) ?? "add its table to rules/cost/regional.ts"}`);
    return book;
}
