// The generated STU3 metadata, indexed once.
import type { TypeDef } from './metadata-types';
import { indexMetadata } from './metadata-types';
import { STU3_RESOURCE_TYPES, STU3_TYPES } from './stu3-metadata.generated';

const TYPES = indexMetadata(STU3_TYPES);
const RESOURCES: ReadonlySet<string> = new Set(STU3_RESOURCE_TYPES);

/** The definition of an STU3 resource type, or undefined if `name` is not one. */
export function resourceDef(name: string): TypeDef | undefined {
  return RESOURCES.has(name) ? TYPES.get(name) : undefined;
}

/** The definition of a complex datatype or backbone element. Throws if the metadata lacks it (a generator bug). */
export function typeDef(name: string): TypeDef {
  const def = TYPES.get(name);
  if (!def) throw new Error(`STU3 metadata has no type ${name}`);
  return def;
}

export const STU3_RESOURCE_NAMES: readonly string[] = STU3_RESOURCE_TYPES;
