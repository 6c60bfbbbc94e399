export interface TestStep {
  name: string;
  title: string;
  aliases: string[];
  needsServices?: boolean;
}
export const TEST_STEPS: TestStep[];
export function selectSteps(args: string[], steps?: TestStep[]): { steps: TestStep[]; unknown: string[] };
