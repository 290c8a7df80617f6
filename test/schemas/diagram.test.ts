import { describe, expect, it } from 'vitest';
import { diagramProps } from '../../src/schemas/diagram';

describe('diagramProps', () => {
  it('accepts a name and a real text alternative', () => {
    expect(diagramProps.parse({ name: 'why-isolate', alt: 'Two apps that share one machine' })).toEqual({
      name: 'why-isolate',
      alt: 'Two apps that share one machine',
    });
  });
  it('rejects a missing or token alt text', () => {
    expect(diagramProps.safeParse({ name: 'why-isolate' }).success).toBe(false);
    expect(diagramProps.safeParse({ name: 'why-isolate', alt: 'diagram' }).success).toBe(false);
  });
  it('rejects names that could escape the diagrams folder', () => {
    expect(diagramProps.safeParse({ name: '../secret', alt: 'a long enough description' }).success).toBe(
      false,
    );
  });
});
