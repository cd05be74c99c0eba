import { createHash } from 'node:crypto';
import {
  buildSchematic,
  canonicalSchematicYaml,
  isCanonicalPlainScalar,
  QEMU_GUEST_AGENT_EXTENSION,
  schematicDocument,
  schematicValueProblems,
} from '../lib/schematic';

describe('schematic IDs', () => {
  test('defines the vanilla ID for a schematic without customization', () => {
    // GIVEN / WHEN
    const schematic = buildSchematic({ extensions: [], extraKernelArgs: [] });
    // THEN
    expect(schematic.yaml).toBe('customization: {}\n');
    expect(schematic.id).toBe('376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba');
  });

  test('defines the ID the Talos Proxmox guide gives for qemu-guest-agent only', () => {
    // GIVEN / WHEN
    const schematic = buildSchematic({ extensions: [QEMU_GUEST_AGENT_EXTENSION], extraKernelArgs: [] });
    // THEN
    expect(schematic.id).toBe('ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515');
    expect(schematic.hasGuestAgent).toBe(true);
  });

  test("defines the ID of the factory's own test vector for kernel arguments noapic, nolapic", () => {
    // GIVEN / WHEN
    const schematic = buildSchematic({ extensions: [], extraKernelArgs: ['noapic', 'nolapic'] });
    // THEN (siderolabs/image-factory pkg/schematic/schematic_test.go, case "config1")
    expect(schematic.id).toBe('9cba8e32753f91a16c1837ab8abf356af021706ef284aef07380780177d9a06c');
    expect(schematic.hasGuestAgent).toBe(false);
  });

  test('defines the ID as the sha256 of exactly the YAML it registers', () => {
    // GIVEN / WHEN
    const schematic = buildSchematic({ extensions: ['siderolabs/iscsi-tools'], extraKernelArgs: ['console=ttyS0'] });
    // THEN
    expect(schematic.id).toBe(createHash('sha256').update(schematic.yaml).digest('hex'));
  });
});

describe('canonical schematic YAML', () => {
  test('defines kernel arguments before extensions, 4-space indentation and indented lists', () => {
    // GIVEN / WHEN
    const yaml = buildSchematic({ extensions: ['siderolabs/qemu-guest-agent', 'siderolabs/iscsi-tools'], extraKernelArgs: ['net.ifnames=0'] }).yaml;
    // THEN
    expect(yaml).toBe(
      [
        'customization:',
        '    extraKernelArgs:',
        '        - net.ifnames=0',
        '    systemExtensions:',
        '        officialExtensions:',
        '            - siderolabs/qemu-guest-agent',
        '            - siderolabs/iscsi-tools',
        '',
      ].join('\n'),
    );
  });

  test('defines list order as given, so reordering extensions is a different schematic', () => {
    // GIVEN
    const a = buildSchematic({ extensions: ['siderolabs/iscsi-tools', 'siderolabs/util-linux-tools'], extraKernelArgs: [] });
    // WHEN
    const b = buildSchematic({ extensions: ['siderolabs/util-linux-tools', 'siderolabs/iscsi-tools'], extraKernelArgs: [] });
    // THEN
    expect(a.yaml.indexOf('iscsi-tools')).toBeLessThan(a.yaml.indexOf('util-linux-tools'));
    expect(b.yaml.indexOf('util-linux-tools')).toBeLessThan(b.yaml.indexOf('iscsi-tools'));
    expect(a.id).not.toBe(b.id);
  });

  test('defines no field for empty lists', () => {
    // GIVEN / WHEN
    const document = schematicDocument({ extensions: ['siderolabs/qemu-guest-agent'], extraKernelArgs: [] });
    // THEN
    expect(document).toEqual({ customization: { systemExtensions: { officialExtensions: ['siderolabs/qemu-guest-agent'] } } });
    expect(canonicalSchematicYaml(document)).not.toContain('extraKernelArgs');
  });

  test('defines kernel arguments with commas, colons and a leading minus as plain scalars', () => {
    // GIVEN
    const args = ['console=ttyS0,115200', '-talos.halt_if_installed', 'ip=192.168.10.11::192.168.10.1:255.255.255.0::eth0:off'];
    // WHEN
    const yaml = buildSchematic({ extensions: [], extraKernelArgs: args }).yaml;
    // THEN
    for (const arg of args) expect(yaml).toContain(`        - ${arg}\n`);
  });
});

describe('schematic values that cannot be written canonically', () => {
  test('fails when a kernel argument would be quoted by go-yaml', () => {
    // GIVEN values YAML reads as bool, sexagesimal number, date, or that start with an indicator or contain a space
    for (const value of ['yes', 'on', '1:20', '2001-12-14', '0x1F', '#comment', 'a:', 'quiet splash', '']) {
      // WHEN / THEN
      expect(isCanonicalPlainScalar(value)).toBe(false);
    }
  });

  test('fails when entries are bad, with the field path, value and fix of each', () => {
    // GIVEN
    const input = { extensions: ['siderolabs/qemu-guest-agent', 'QEMU Guest Agent'], extraKernelArgs: ['quiet', 'yes'] };
    // WHEN
    const problems = schematicValueProblems(input);
    // THEN
    expect(problems.map((p) => [p.path, p.value])).toEqual([
      ['talos.extensions[1]', 'QEMU Guest Agent'],
      ['talos.extraKernelArgs[1]', 'yes'],
    ]);
    expect(() => buildSchematic(input)).toThrow(/talos\.extensions\[1\] = "QEMU Guest Agent".*Fix: .*talos\.extraKernelArgs\[1\] = "yes".*Fix: /);
  });
});
