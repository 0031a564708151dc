/**
 * The TMF622 Product Ordering paths. A module with no imports, so the console can share them with the route table
 * without bundling the API's schemas.
 */
export const tmfProductOrderPath = '/tmf-api/productOrderingManagement/v4/productOrder';
export const tmfCancelProductOrderPath = '/tmf-api/productOrderingManagement/v4/cancelProductOrder';
export const tmfHubPath = '/tmf-api/productOrderingManagement/v4/hub';
