/**
 * What a stage (KAMFLOW_STAGE) names. Stacks carry the stage in their names, so two stages are two sets of stacks in
 * one account and region; resources whose names must be unique in the account either leave the name to
 * CloudFormation (which derives it from the stack's name) or carry the stage's prefix given here.
 */
export interface StageNames {
  readonly stage: string | undefined;
  /** `Kamflow` for the default stage, `KamflowQa` for stage `qa`; stacks are `${stackPrefix}Api` and so on. */
  readonly stackPrefix: string;
  /** Prefix of names CloudWatch and SSM need fixed (alarm names): '' for the default stage, `qa-` for stage `qa`. */
  readonly resourcePrefix: string;
  /**
   * The SSM parameter holding the public API URL. The API stack writes it; the workflow, deployed before the API,
   * reads it at run time: its name is all the two stacks share, so neither references the other.
   */
  readonly publicApiUrlParameterName: string;
}

const stagePattern = /^[a-z][a-z0-9-]{0,19}$/;

export function stageNamesFor(stage: string | undefined): StageNames {
  if (stage !== undefined && !stagePattern.test(stage)) {
    throw new Error(`KAMFLOW_STAGE must be lowercase letters, digits and dashes (at most 20, starting with a letter), got ${stage}`);
  }
  const pascal = (stage ?? '')
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  const stackPrefix = `Kamflow${pascal}`;
  return { stage, stackPrefix, resourcePrefix: stage ? `${stage}-` : '', publicApiUrlParameterName: `/${stackPrefix}/public-api-url` };
}
