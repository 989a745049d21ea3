import { definePackageConfig } from '../../tsup.config.base';
import pkg from './package.json' with { type: 'json' };

export default definePackageConfig(pkg);
