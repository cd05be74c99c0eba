/** Rules for the Terraform state backend and the rolling-upgrade settings. */
import { error, Problem } from '../problems';
import { ValidationContext } from './context';

function state(ctx: ValidationContext): Problem[] {
  const backend = ctx.plan.state;
  if (backend.type === 's3' && (typeof backend.bucket !== 'string' || backend.bucket.trim() === '')) {
    return [
      error('state.bucket', backend.bucket, 'is required for s3 state', "name the bucket that holds the state, e.g. bucket: 'terraform-state'"),
    ];
  }
  return [];
}

function rollout(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const batch = ctx.plan.workerBatchSize;
  if (!Number.isInteger(batch) || batch < 1) {
    problems.push(
      error(
        'rollout.workerBatchSize',
        batch,
        'is not a whole number of at least 1; the rollout would upgrade no worker',
        'use 1 (one worker at a time) or more',
      ),
    );
  }
  const minutes = ctx.plan.nodeTimeoutMinutes;
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) {
    problems.push(error('rollout.nodeTimeoutMinutes', minutes, 'is not a positive number of minutes', 'use 15 or more'));
  }
  return problems;
}

/** Every problem of `state` and `rollout`. */
export function stateAndRolloutProblems(ctx: ValidationContext): Problem[] {
  return [...state(ctx), ...rollout(ctx)];
}
