/** The provisioning area's function: signed callbacks from provisioning systems. Bundles only these handler modules. */
import { areaHandler } from '../../api/area-router.ts';
import { handler as receiveProvisioningCallback } from '../http/receive-provisioning-callback.ts';

export const handler = areaHandler('provisioning', {
  receiveProvisioningCallback,
});
