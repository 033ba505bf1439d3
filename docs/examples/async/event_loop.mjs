// Two mistakes that stall or crash a Node.js server, next to their fixes.

// Mistake 1: CPU-heavy work on the event loop. While this loop spins, no
// timer fires and no other request is answered.
function busyFor(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // hashing a password, parsing a huge JSON document, a tight loop...
  }
}

function timerDelay(work) {
  return new Promise((resolve) => {
    const scheduled = performance.now();
    setTimeout(() => resolve(performance.now() - scheduled), 0);
    work();
  });
}

const blocked = await timerDelay(() => busyFor(200));
const free = await timerDelay(() => {});
console.log("timer waited behind busy loop:", blocked >= 200 ? "200 ms or more" : "less");
console.log("timer waited on a free loop:", free < 100 ? "under 100 ms" : "100 ms or more");

// Mistake 2: a promise nobody awaits or catches. Its error is an unhandled
// rejection; since Node.js 15 the default is to crash the whole process.
async function saveAudit(entry) {
  throw new Error(`audit store is down (${entry})`);
}

async function checkoutBuggy() {
  saveAudit("order placed"); // BUG: floating promise
  return "ok";
}

async function checkoutFixed() {
  try {
    await saveAudit("order placed");
  } catch (error) {
    console.log("logged, not fatal:", error.message);
  }
  return "ok";
}

console.log("fixed checkout:", await checkoutFixed());
if (process.argv.includes("--show-crash")) {
  console.log("buggy checkout:", await checkoutBuggy());
}
