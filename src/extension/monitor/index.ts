export { registerMonitor, type MonitorDataSource, type MonitorHandle } from './register-monitor';
