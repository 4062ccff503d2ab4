import { benchContentPasses, benchPageRatio } from './content';
const r = await benchContentPasses([100, 500], 2, console.log);
const q = await benchPageRatio(500, 3, console.log);
console.log(JSON.stringify(q));
