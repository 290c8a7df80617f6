import { z } from 'zod';

/** Props of the `<Diagram>` component. */
export const diagramProps = z.object({
  /** Base name of an SVG in `src/diagrams/`, drawn as `<name>.<locale>.svg` (falling back to `<name>.en.svg`). */
  name: z.string().regex(/^[a-z0-9-]+$/, 'diagram names are lowercase words joined by hyphens'),
  /** Text alternative: what the diagram shows, for people who cannot see it. */
  alt: z.string().min(10, 'a diagram needs a real text alternative'),
  caption: z.string().optional(),
});

export type DiagramPropsInput = z.input<typeof diagramProps>;
export type DiagramProps = z.output<typeof diagramProps>;
