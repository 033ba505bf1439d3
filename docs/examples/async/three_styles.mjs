// The same lookup written three ways: a callback, a promise, async/await.
// findUser stands in for a database query that answers after 20 ms.

const users = new Map([[1, { id: 1, name: "Ana" }]]);

// 1. Callback style: pass a function to call later, errors first.
function findUserWithCallback(id, done) {
  setTimeout(() => {
    const user = users.get(id);
    if (user) done(null, user);
    else done(new Error(`no user ${id}`));
  }, 20);
}

// 2. Promise style: return an object that will hold the result or the error.
function findUser(id) {
  return new Promise((resolve, reject) => {
    findUserWithCallback(id, (error, user) => (error ? reject(error) : resolve(user)));
  });
}

// 3. async/await: the same promise, read top to bottom, errors with try/catch.
async function greeting(id) {
  try {
    const user = await findUser(id);
    return `Hello, ${user.name}`;
  } catch (error) {
    return `Sorry: ${error.message}`;
  }
}

findUserWithCallback(1, (error, user) => console.log("callback:", error ?? user.name));
findUser(1).then((user) => console.log("promise:", user.name));
console.log("await:", await greeting(1));
console.log("await:", await greeting(2));

// Two independent lookups: start both, then wait once (about 20 ms, not 40).
const started = performance.now();
const both = await Promise.all([findUser(1), greeting(2)]);
const elapsed = performance.now() - started;
console.log("together:", both[0].name, "|", both[1]);
console.log(`took ${Math.round(elapsed)} ms`); // about 20 on an idle machine
