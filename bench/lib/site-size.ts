import { generateSite, type SiteFile } from '@crosspoint/sim';

/** Every device of a site file: boxes, their P-Link peripherals, stand-alone mics and codecs. */
export function siteDeviceCount(site: SiteFile): number {
  let n = 0;
  for (const subnet of site.subnets) {
    for (const stack of subnet.stacks ?? []) {
      for (const box of stack.boxes)
        n += 1 + (box.plink ?? []).reduce((k, chain) => k + chain.devices.length, 0);
    }
    n += (subnet.mics ?? []).length + (subnet.codecs ?? []).length;
  }
  return n;
}

/**
 * How many network devices to ask the site generator for so that the site holds at least `total`
 * devices with the peripherals riding on the boxes (the inventory an agent reports).
 */
export function networkDevicesFor(total: number, seed: number, subnetBase: string): number {
  let lo = 1;
  let hi = total;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (siteDeviceCount(generateSite({ devices: mid, seed, subnetBase })) >= total) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
