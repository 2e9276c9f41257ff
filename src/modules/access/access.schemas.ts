import { Type } from 'typebox';
import { permissions, roles } from './permission-matrix.ts';

export const RoleSchema = Type.Enum(roles);

/** A permission held over the whole organization (the public name of the field that lists them is `scopes`). */
export const PermissionSchema = Type.Enum(permissions, { description: 'A permission the key grants over the whole organization' });
