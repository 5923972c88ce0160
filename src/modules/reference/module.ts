import { defineModule } from '../../core/module.js';

export const referenceModule = defineModule({ id: 'reference' });
