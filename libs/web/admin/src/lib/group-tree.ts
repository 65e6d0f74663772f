import { GroupDto } from '@timesheets/contracts';

export interface GroupNode {
  group: GroupDto;
  depth: number;
}

/** Flattens groups into a depth-first tree order (children under their parent, by name); orphans and cycles are safe. */
export function flattenGroupTree(groups: readonly GroupDto[]): GroupNode[] {
  const ids = new Set(groups.map((g) => g.id));
  const children = new Map<string | null, GroupDto[]>();
  for (const g of groups) {
    const parent = g.parentId && ids.has(g.parentId) ? g.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), g]);
  }
  const out: GroupNode[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const g of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      out.push({ group: g, depth });
      walk(g.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
