// The survey walk (survey-walk.ts) with JavaScript on.
import { JS_ON } from './support.ts';
import { describeSurveyWalk } from './survey-walk.ts';

describeSurveyWalk(JS_ON);
