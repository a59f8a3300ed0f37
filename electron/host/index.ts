/** Host services in plain Node, shared by the Electron main process and the browser-mode server. */
export { createHostServices, type HostServices, type HostServicesOptions } from './host-services'
export { bindHostApi, dispatchHostCall, type HostCallOutcome, type HostDialogs } from './host-dispatch'
export { defaultDataDir } from './data-dir'
export { HostError, type HostErrorCode } from './errors'
export { writeFileAtomic, type AtomicWriteOptions } from './atomic-write'
