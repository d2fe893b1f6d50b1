import { Bag } from './bag.entity';
import { BagLink } from './bag-link.entity';
import { DeadLetter } from './dead-letter.entity';
import { Heartbeat } from './heartbeat.entity';
import { Bill, CodeRule, User } from './reference.entity';
import { Rejection } from './rejection.entity';
import { Station } from './station.entity';
import { StationEvent } from './station-event.entity';
import { StationMark } from './station-mark.entity';

export { Bag, BagLink, Bill, CodeRule, DeadLetter, Heartbeat, Rejection, Station, StationEvent, StationMark, User };
export const centralEntities = [Station, StationMark, StationEvent, DeadLetter, Heartbeat, Bag, BagLink, Rejection, User, CodeRule, Bill];
