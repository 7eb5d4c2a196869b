// The survey walk (survey-walk.ts) with JavaScript off.
import { JS_OFF } from './support.ts';
import { describeSurveyWalk } from './survey-walk.ts';

describeSurveyWalk(JS_OFF);
