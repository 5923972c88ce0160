import { defineModule } from '../../core/module.js';

export const accountsModule = defineModule({ id: 'accounts' });
