export * from './requests.js';
export * from './server.js';
export * from './socket.js';
