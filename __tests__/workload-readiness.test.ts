import { daemonSetProblem, deploymentProblem } from '../lib/workload-readiness';

describe('workload readiness', () => {
  test('defines a Deployment with every replica updated and ready as ready', () => {
    // GIVEN / WHEN / THEN
    expect(
      deploymentProblem({
        metadata: { generation: 2 },
        spec: { replicas: 2 },
        status: { observedGeneration: 2, readyReplicas: 2, updatedReplicas: 2 },
      }),
    ).toBeUndefined();
  });

  test('fails when Deployment replicas are not ready, reading omitted zero fields as 0', () => {
    // GIVEN status without readyReplicas (the API omits zero values)
    const problem = deploymentProblem({ metadata: { generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, updatedReplicas: 2 } });

    // THEN
    expect(problem).toBe('0/2 replicas ready (2 updated)');
  });

  test('fails when the controller has not observed the latest generation', () => {
    // GIVEN / WHEN
    const problem = daemonSetProblem({
      metadata: { generation: 3 },
      status: { observedGeneration: 2, desiredNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3 },
    });

    // THEN
    expect(problem).toContain('has not seen generation 3');
  });

  test('fails when a DaemonSet has unready or not updated pods, or targets no node', () => {
    // GIVEN / WHEN / THEN
    expect(daemonSetProblem({ status: { desiredNumberScheduled: 4, numberReady: 3, updatedNumberScheduled: 4 } })).toBe('3/4 pods ready (4 updated)');
    expect(daemonSetProblem({ status: { desiredNumberScheduled: 4, numberReady: 4, updatedNumberScheduled: 2 } })).toBe('4/4 pods ready (2 updated)');
    expect(daemonSetProblem({ status: {} })).toBe('is scheduled on no node');
    expect(daemonSetProblem({ status: { desiredNumberScheduled: 4, numberReady: 4, updatedNumberScheduled: 4 } })).toBeUndefined();
  });
});
