// Real apps, unchanged, through zap init && zap deploy: each route answers as under plain node.
import { describeUnchangedApps } from '../../helpers/unchanged-apps';

describeUnchangedApps(['esm-top-level-await', 'typescript-pug', 'typescript-decorators']);
