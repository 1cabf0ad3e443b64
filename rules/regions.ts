/**
 * The regions a stack may target and their Availability Zones. Source: AWS "Regions and Availability
 * Zones" (Seoul has four zones, a–d; the AWS Global Infrastructure page lists "Asia Pacific (Seoul):
 * 4 Availability Zones"), as `aws ec2 describe-availability-zones --region ap-northeast-2` names them.
 * Zone names map to different physical zones per account; the names themselves are fixed.
 */
export const REGION_ZONES: Readonly<Record<string, readonly string[]>> = {
    "ap-northeast-2": ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"],
};
