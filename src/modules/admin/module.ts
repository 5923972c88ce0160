import { defineModule } from '../../core/module.js';

export const adminModule = defineModule({ id: 'admin' });
