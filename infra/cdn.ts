/**
 * CloudFront in front of the app (SST's Router). Public pages are cached at the edge as the app's
 * Cache-Control says (a sent digest a day, the lists a minute, nothing without it); the personal
 * and state-changing paths get behaviours that never cache, whatever a response says. The
 * function URL answers CloudFront alone (origin access control, requests signed at the edge), so
 * the CDN cannot be bypassed and the reader's address the viewer-request function writes is
 * theirs. Its URL exists before the app's, so functions link it for the links in emails.
 */
import { neverCached, VIEWER_ADDRESS_HEADER } from "../packages/functions/src/app/edge.ts";

/** CloudFront's managed CachingDisabled cache policy. */
const cachingDisabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

export const cdn = new sst.aws.Router("Cdn", {
  // Signs each request to the function URL (Lambda@Edge): POST bodies included, no client work.
  protection: "oac-with-edge-signing",
  edge: {
    viewerRequest: {
      // Overwrites whatever the client sent: the rate limits key on the reader's own address.
      injection: `event.request.headers[${JSON.stringify(VIEWER_ADDRESS_HEADER)}] = { value: event.viewer.ip };`,
    },
  },
  transform: {
    cdn: (args) => {
      // The same routing, signing and forwarding as the default behaviour; no caching at all.
      args.orderedCacheBehaviors = $output(args.defaultCacheBehavior).apply((behaviour) =>
        neverCached.map((path): aws.types.input.cloudfront.DistributionOrderedCacheBehavior => ({
          ...behaviour,
          pathPattern: `${path}*`,
          cachePolicyId: cachingDisabled,
        })),
      );
    },
  },
});
