import { rows } from '../bench/core-plan';
import { formatTable } from '../bench/run';
rows().then((r) => console.log(formatTable(r)));
