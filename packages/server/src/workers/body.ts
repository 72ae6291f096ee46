/** What the pool's worker threads run: the task tables of the rooms that do heavy work. */

import { exportTasks } from '../exports/tasks.ts';
import { jobinvestTasks } from '../jobinvest/tasks.ts';
import { outcomeTasks } from '../progression/outcome-tasks.ts';
import { serveTasks } from './worker.ts';

serveTasks({ ...jobinvestTasks, ...exportTasks, ...outcomeTasks });
